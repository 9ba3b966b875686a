//! What the tests share of their one page.

/// The chat's real stylesheet, in the page while this lives: tests of layout (scrolling, the
/// overlay's look) hold one; the others run without it, as they were written to.
pub struct Stylesheet(web_sys::Element);

impl Stylesheet {
    pub fn load() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let style = document.create_element("style").unwrap();
        style.set_text_content(Some(include_str!("../../../../assets/chat.css")));
        document.head().unwrap().append_child(&style).unwrap();
        Stylesheet(style)
    }
}

impl Drop for Stylesheet {
    fn drop(&mut self) {
        self.0.remove();
    }
}
