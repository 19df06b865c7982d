// st.layers.* of the attention family (classes and tfjs-layers-style factories).
export {};
