import streamlit as st

st.title("Three")
st.write("An empty page.")
