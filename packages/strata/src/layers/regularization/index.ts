// st.layers.* of the regularization family (classes and tfjs-layers-style factories).
export {};
