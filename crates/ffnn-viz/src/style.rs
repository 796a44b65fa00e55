//! Colours and the embedded font.

use plotters::style::{FontStyle, RGBColor};
use std::sync::Once;

/// matplotlib's `coolwarm` at 0: class 0.
pub const CLASS0: RGBColor = RGBColor(59, 76, 192);
/// matplotlib's `coolwarm` at 1: class 1.
pub const CLASS1: RGBColor = RGBColor(180, 4, 38);
/// matplotlib's default blue (`C0`).
pub const BLUE: RGBColor = RGBColor(31, 119, 180);
/// matplotlib's default red (`C3`).
pub const RED: RGBColor = RGBColor(214, 39, 40);
/// Line colours for several series (matplotlib's `tab10`).
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// The font family every figure uses.
pub const FONT: &str = "sans-serif";

/// Registers the embedded font once per process.
pub fn ensure_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The font ships inside the binary; it parses, or this build is broken.
        if plotters::style::register_font(
            FONT,
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        )
        .is_err()
        {
            eprintln!("warning: the embedded font failed to load; figure text may be missing");
        }
    });
}

/// Mixes `color` with white: `alpha` 1 is the colour itself, 0 is white.
pub fn tint(color: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * alpha).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// The class colour for a label.
pub fn class_color(label: f32) -> RGBColor {
    if label > 0.5 { CLASS1 } else { CLASS0 }
}
