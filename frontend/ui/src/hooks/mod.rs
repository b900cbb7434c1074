//! Hooks every screen may use, in the way of yew's own examples: a
//! `#[hook]` function that keeps its state with the built-in hooks.

pub mod load;

pub use load::{Load, Loadable, use_load, use_load_when};
