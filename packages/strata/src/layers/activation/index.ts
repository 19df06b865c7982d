// st.layers.* of the activation family (classes and tfjs-layers-style factories).
export {};
