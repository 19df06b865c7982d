// st.layers.* of the convolutional family (classes and tfjs-layers-style factories).
export {};
