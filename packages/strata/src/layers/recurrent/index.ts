// st.layers.* of the recurrent family (classes and tfjs-layers-style factories).
export {};
