"""The reference for the browser benchmark: an empty three-page Streamlit app served beside netz in the same run.

Each page draws a title and a line of text, nothing else; a page switch here is the floor a Streamlit app of this
machine can reach.
"""

import streamlit as st

pages = [
    st.Page("views/one.py", title="One", default=True),
    st.Page("views/two.py", title="Two"),
    st.Page("views/three.py", title="Three"),
]
st.navigation(pages).run()
