//! Tells the client the name of the emoji picker's data file, which the build writes beside the
//! wasm (see `build/emoji_picker_data.rs`): `LIVECHAT_EMOJI_PICKER_FILE`.

#[path = "build/emoji_picker_data.rs"]
mod emoji_picker_data;

fn main() {
    println!("cargo:rerun-if-changed=build/emoji_picker_data.rs");
    println!(
        "cargo:rustc-env=LIVECHAT_EMOJI_PICKER_FILE={}",
        emoji_picker_data::file_name(&emoji_picker_data::json())
    );
}
