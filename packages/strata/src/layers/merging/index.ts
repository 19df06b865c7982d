// st.layers.* of the merging family (classes and tfjs-layers-style factories).
export {};
