// st.layers.* of the pooling family (classes and tfjs-layers-style factories).
export {};
