import streamlit as st

st.title("One")
st.write("An empty page.")
