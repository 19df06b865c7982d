// st.layers.* of the reshaping family (classes and tfjs-layers-style factories).
export {};
