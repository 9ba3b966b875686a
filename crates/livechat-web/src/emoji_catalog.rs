//! The common Unicode emojis the picker offers, by category: the build writes them beside the
//! wasm as `emoji-<hash>.json` (crates/livechat-web/build/emoji_picker_data.rs says the shape),
//! and the picker fetches that file the first time it opens on the page, never before: nobody who
//! only reads downloads it. Once read, it is kept for the page's other pickers.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::prelude::*;

use crate::custom_emojis::fetch_text;
use crate::platform;

/// The data file's name, from the same build code that writes it.
pub const FILE_NAME: &str = env!("LIVECHAT_EMOJI_PICKER_FILE");

/// One emoji of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogEmoji {
    /// The emoji itself: what is inserted.
    pub emoji: String,
    /// Its shortcode, without colons (`grinning`).
    pub shortcode: String,
    /// Its Unicode name (`grinning face`): what screen readers say.
    pub name: String,
}

impl CatalogEmoji {
    /// Whether a search for `query` (in lower case) finds it, by shortcode or name. (The browser
    /// lowers the name's case: Rust's own mapping would put Unicode's case tables in the wasm.)
    pub fn matches(&self, query: &str) -> bool {
        self.shortcode.contains(query) || platform::lowercase(&self.name).contains(query)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// `smileys`, `people`, … (the texts name them `emoji-group-<id>`).
    pub id: String,
    pub emojis: Vec<CatalogEmoji>,
}

/// The emoji list, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub categories: Vec<Category>,
}

impl Catalog {
    /// Reads the data file: `[["smileys","😀","grinning","grinning face",…],…]`.
    pub fn parse(json: &str) -> Result<Catalog, String> {
        let value = js_sys::JSON::parse(json).map_err(|_| "not JSON".to_owned())?;
        let bad = || "not a list of categories".to_owned();
        let categories = value.dyn_into::<js_sys::Array>().map_err(|_| bad())?;
        categories
            .iter()
            .map(|category| {
                let strings: Vec<String> = category
                    .dyn_into::<js_sys::Array>()
                    .map_err(|_| bad())?
                    .iter()
                    .map(|s| s.as_string().ok_or_else(bad))
                    .collect::<Result<_, _>>()?;
                let (id, rest) = strings.split_first().ok_or_else(bad)?;
                if rest.len() % 3 != 0 {
                    return Err(format!("{id}: not a list of triples"));
                }
                let emojis = rest
                    .chunks_exact(3)
                    .map(|e| CatalogEmoji {
                        emoji: e[0].clone(),
                        shortcode: e[1].clone(),
                        name: e[2].clone(),
                    })
                    .collect();
                Ok(Category {
                    id: id.clone(),
                    emojis,
                })
            })
            .collect::<Result<_, _>>()
            .map(|categories| Catalog { categories })
    }
}

thread_local! {
    /// The list, once read: every picker of the page uses it.
    static LOADED: RefCell<Option<Arc<Catalog>>> = const { RefCell::new(None) };
}

/// The list, fetched and read the first time it is asked for; why not, in a few words.
pub async fn load() -> Result<Arc<Catalog>, String> {
    if let Some(catalog) = LOADED.with_borrow(Clone::clone) {
        return Ok(catalog);
    }
    let url = data_url();
    let json = fetch_text(&url)
        .await
        .map_err(|why| format!("{url}: {why}"))?;
    let catalog = Arc::new(Catalog::parse(&json)?);
    LOADED.with_borrow_mut(|loaded| *loaded = Some(catalog.clone()));
    Ok(catalog)
}

/// The data file beside the glue module (the build writes them together, in `dist/` and in the
/// plugin's layout), whatever page loaded the chat.
pub fn data_url() -> String {
    let glue = IMPORT_META.with(ImportMeta::url);
    let dir = glue.rfind('/').map_or("", |i| &glue[..=i]);
    format!("{dir}{FILE_NAME}")
}

#[wasm_bindgen]
extern "C" {
    type ImportMeta;

    /// The glue module's `import.meta`.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;

    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}
