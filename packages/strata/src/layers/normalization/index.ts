// st.layers.* of the normalization family (classes and tfjs-layers-style factories).
export {};
