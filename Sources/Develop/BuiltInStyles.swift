import Foundation

/// The styles AutoTone ships, as JSON embedded in the binary.
///
/// Embedded rather than read from a data folder, so every build (library, `autotone`, tests,
/// developer tools) finds them wherever it is installed; `autotone-lab styles --export DIR`
/// writes them out as files, and ``Style/init(contentsOf:)`` reads a user's own.
public enum BuiltInStyles {
    /// The names, in a fixed order.
    public static let names: [String] = ["neutral", "event", "bright-and-airy", "moody", "punchy"]

    /// The style of that name.
    public static func style(named name: String) throws(StyleError) -> Style {
        guard let json = json[name] else { throw .unknownStyle(name: name, known: names) }
        return try Style(json: Data(json.utf8), origin: "built-in style \(name)")
    }

    /// Every built-in style, in ``names`` order.
    public static func all() throws(StyleError) -> [Style] {
        var styles: [Style] = []
        for name in names { styles.append(try style(named: name)) }
        return styles
    }

    /// The JSON text of each style.
    public static let json: [String: String] = [
        "neutral": """
        {
          "name": "neutral",
          "description": "Brighter and more open than the camera, as Lightroom's Auto is, but true to the scene: low-key photos stay dark and high-key ones bright, blacks stay down, contrast is not traded for shadows, grey scenes keep their little colour (the contact-sheet review in Weights/README.md).",
          "targets": {
            "middleGrey": 0.47,
            "contrast": 0.17,
            "highlightCeiling": 0.93,
            "shadowFloor": 0.03,
            "whiteClipAllowance": 0.005,
            "blackClipAllowance": 0.01,
            "colourIntensity": 0.18,
            "colourNormalisation": 0.15,
            "hdr": 0.3,
            "keyRetention": 0.5
          },
          "habits": {
            "Highlights2012": {
              "value": -25,
              "weight": 2
            },
            "Shadows2012": {
              "value": 20,
              "weight": 2
            },
            "Contrast2012": {
              "value": 0,
              "weight": 4
            },
            "Whites2012": {
              "value": 0,
              "weight": 3
            },
            "Blacks2012": {
              "value": 0,
              "weight": 3
            },
            "Vibrance": {
              "value": 0,
              "weight": 3
            },
            "Saturation": {
              "value": 0,
              "weight": 3
            }
          },
          "hand": {
            "noise": {
              "Exposure2012": 0.12,
              "Contrast2012": 6,
              "Highlights2012": 8,
              "Shadows2012": 8,
              "Whites2012": 6,
              "Blacks2012": 6,
              "Vibrance": 4,
              "Saturation": 4
            },
            "favourites": [
              {
                "slider": "Vibrance",
                "value": 0,
                "radius": 8,
                "probability": 0.5
              },
              {
                "slider": "Saturation",
                "value": 0,
                "radius": 5,
                "probability": 0.5
              },
              {
                "slider": "Exposure2012",
                "value": 0,
                "radius": 0.15,
                "probability": 0.5
              }
            ],
            "correlation": [
              [1.0, 0.0, 0.0, -0.15, 0.0, 0.0, 0.0, 0.0],
              [0.0, 1.0, 0.0, 0.0, -0.3, 0.0, 0.0, 0.0],
              [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
              [-0.15, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, -0.3, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, -0.2],
              [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, -0.2, 0.0, 1.0]
            ]
          }
        }
        """,
        "event": """
        {
          "name": "event",
          "description": "An event and wedding photographer's look, modelled on real-label-stats.md: bright, HDR-like (highlights pulled hard, shadows lifted), whites at a habitual -37, muted colour with Saturation at -38 or -55 and Vibrance left at 0.",
          "targets": {
            "middleGrey": 0.46,
            "contrast": 0.12,
            "highlightCeiling": 0.9,
            "shadowFloor": 0.08,
            "whiteClipAllowance": 0.002,
            "blackClipAllowance": 0.005,
            "colourIntensity": 0.1,
            "colourNormalisation": 0.5,
            "hdr": 1.0
          },
          "habits": {
            "Contrast2012": {
              "value": 5,
              "weight": 3
            },
            "Highlights2012": {
              "value": -75,
              "weight": 4
            },
            "Shadows2012": {
              "value": 60,
              "weight": 3
            },
            "Whites2012": {
              "value": -37,
              "weight": 8
            },
            "Blacks2012": {
              "value": 35,
              "weight": 4
            },
            "Vibrance": {
              "value": 0,
              "weight": 30
            },
            "Saturation": {
              "value": -40,
              "weight": 6
            }
          },
          "hand": {
            "noise": {
              "Exposure2012": 0.25,
              "Contrast2012": 15,
              "Highlights2012": 9,
              "Shadows2012": 12,
              "Whites2012": 9,
              "Blacks2012": 12,
              "Vibrance": 3,
              "Saturation": 8
            },
            "favourites": [
              {
                "slider": "Whites2012",
                "value": -37,
                "radius": 12,
                "probability": 0.7
              },
              {
                "slider": "Saturation",
                "value": -38,
                "radius": 9,
                "probability": 0.6
              },
              {
                "slider": "Saturation",
                "value": -55,
                "radius": 9,
                "probability": 0.7
              },
              {
                "slider": "Vibrance",
                "value": 0,
                "radius": 10,
                "probability": 0.9
              },
              {
                "slider": "Exposure2012",
                "value": 0,
                "radius": 0.35,
                "probability": 0.6
              },
              {
                "slider": "Contrast2012",
                "value": 12,
                "radius": 6,
                "probability": 0.4
              },
              {
                "slider": "Contrast2012",
                "value": -25,
                "radius": 6,
                "probability": 0.4
              },
              {
                "slider": "Blacks2012",
                "value": 0,
                "radius": 10,
                "probability": 0.5
              },
              {
                "slider": "Blacks2012",
                "value": 35,
                "radius": 8,
                "probability": 0.5
              },
              {
                "slider": "Blacks2012",
                "value": 40,
                "radius": 4,
                "probability": 0.5
              }
            ],
            "correlation": [
              [1.0, 0.02, -0.04, -0.25, -0.18, 0.24, 0.1, -0.3],
              [0.02, 1.0, -0.15, -0.04, -0.53, 0.08, 0.1, 0.17],
              [-0.04, -0.15, 1.0, 0.13, 0.1, -0.05, -0.05, -0.07],
              [-0.25, -0.04, 0.13, 1.0, 0.07, -0.24, -0.14, 0.12],
              [-0.18, -0.53, 0.1, 0.07, 1.0, -0.25, -0.17, 0.47],
              [0.24, 0.08, -0.05, -0.24, -0.25, 1.0, 0.25, -0.44],
              [0.1, 0.1, -0.05, -0.14, -0.17, 0.25, 1.0, -0.28],
              [-0.3, 0.17, -0.07, 0.12, 0.47, -0.44, -0.28, 1.0]
            ]
          }
        }
        """,
        "bright-and-airy": """
        {
          "name": "bright-and-airy",
          "description": "Light and soft: bright middle tones, open shadows, lifted blacks, gentle contrast, pastel colour.",
          "targets": {
            "middleGrey": 0.58,
            "contrast": 0.15,
            "highlightCeiling": 0.96,
            "shadowFloor": 0.15,
            "whiteClipAllowance": 0.01,
            "blackClipAllowance": 0.0,
            "colourIntensity": 0.12,
            "colourNormalisation": 0.4,
            "hdr": 0.4
          },
          "habits": {
            "Highlights2012": {
              "value": -30,
              "weight": 2
            },
            "Blacks2012": {
              "value": 25,
              "weight": 3
            },
            "Vibrance": {
              "value": 15,
              "weight": 3
            },
            "Saturation": {
              "value": -15,
              "weight": 3
            },
            "Contrast2012": {
              "value": -10,
              "weight": 2
            },
            "Shadows2012": {
              "value": 30,
              "weight": 2
            },
            "Whites2012": {
              "value": 10,
              "weight": 2
            }
          },
          "hand": {
            "noise": {
              "Exposure2012": 0.18,
              "Contrast2012": 8,
              "Highlights2012": 10,
              "Shadows2012": 12,
              "Whites2012": 8,
              "Blacks2012": 8,
              "Vibrance": 5,
              "Saturation": 5
            },
            "favourites": [
              {
                "slider": "Contrast2012",
                "value": -20,
                "radius": 6,
                "probability": 0.4
              },
              {
                "slider": "Vibrance",
                "value": 15,
                "radius": 6,
                "probability": 0.5
              },
              {
                "slider": "Whites2012",
                "value": 20,
                "radius": 8,
                "probability": 0.4
              }
            ],
            "correlation": [
              [1.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0],
              [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, 1.0, -0.2, 0.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, -0.2, 1.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
              [0.2, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -0.25],
              [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.25, 1.0]
            ]
          }
        }
        """,
        "moody": """
        {
          "name": "moody",
          "description": "Dark and dense: low middle grey, deep blacks allowed to clip a little, highlights held down, colour drained.",
          "targets": {
            "middleGrey": 0.36,
            "contrast": 0.19,
            "highlightCeiling": 0.85,
            "shadowFloor": 0.02,
            "whiteClipAllowance": 0.0,
            "blackClipAllowance": 0.03,
            "colourIntensity": 0.1,
            "colourNormalisation": 0.5,
            "hdr": 0.5
          },
          "habits": {
            "Highlights2012": {
              "value": -60,
              "weight": 3
            },
            "Whites2012": {
              "value": -20,
              "weight": 2
            },
            "Blacks2012": {
              "value": -15,
              "weight": 2
            },
            "Vibrance": {
              "value": -10,
              "weight": 2
            },
            "Saturation": {
              "value": -25,
              "weight": 3
            },
            "Contrast2012": {
              "value": 20,
              "weight": 2
            },
            "Shadows2012": {
              "value": -10,
              "weight": 2
            }
          },
          "hand": {
            "noise": {
              "Exposure2012": 0.15,
              "Contrast2012": 10,
              "Highlights2012": 10,
              "Shadows2012": 10,
              "Whites2012": 8,
              "Blacks2012": 8,
              "Vibrance": 5,
              "Saturation": 6
            },
            "favourites": [
              {
                "slider": "Highlights2012",
                "value": -100,
                "radius": 15,
                "probability": 0.6
              },
              {
                "slider": "Saturation",
                "value": -30,
                "radius": 6,
                "probability": 0.5
              },
              {
                "slider": "Shadows2012",
                "value": 0,
                "radius": 10,
                "probability": 0.4
              }
            ],
            "correlation": [
              [1.0, 0.0, 0.0, -0.1, 0.0, 0.0, 0.0, 0.0],
              [0.0, 1.0, 0.0, 0.0, -0.2, -0.25, 0.0, 0.0],
              [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
              [-0.1, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, -0.2, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
              [0.0, -0.25, 0.0, 0.0, 0.0, 1.0, 0.0, -0.3],
              [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, -0.3, 0.0, 1.0]
            ]
          }
        }
        """,
        "punchy": """
        {
          "name": "punchy",
          "description": "Bold and saturated: strong contrast, bright whites, crisp blacks, vibrant colour.",
          "targets": {
            "middleGrey": 0.48,
            "contrast": 0.21,
            "highlightCeiling": 0.97,
            "shadowFloor": 0.03,
            "whiteClipAllowance": 0.01,
            "blackClipAllowance": 0.02,
            "colourIntensity": 0.28,
            "colourNormalisation": 0.6,
            "hdr": 0.2
          },
          "habits": {
            "Contrast2012": {
              "value": 25,
              "weight": 1
            },
            "Whites2012": {
              "value": 15,
              "weight": 2
            },
            "Blacks2012": {
              "value": -10,
              "weight": 2
            },
            "Vibrance": {
              "value": 30,
              "weight": 3
            },
            "Highlights2012": {
              "value": -10,
              "weight": 2
            },
            "Shadows2012": {
              "value": 10,
              "weight": 2
            }
          },
          "hand": {
            "noise": {
              "Exposure2012": 0.12,
              "Contrast2012": 8,
              "Highlights2012": 10,
              "Shadows2012": 10,
              "Whites2012": 6,
              "Blacks2012": 6,
              "Vibrance": 6,
              "Saturation": 5
            },
            "favourites": [
              {
                "slider": "Vibrance",
                "value": 30,
                "radius": 8,
                "probability": 0.5
              },
              {
                "slider": "Contrast2012",
                "value": 30,
                "radius": 6,
                "probability": 0.4
              },
              {
                "slider": "Saturation",
                "value": 10,
                "radius": 5,
                "probability": 0.4
              }
            ],
            "correlation": [
              [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, 1.0, 0.0, 0.0, -0.4, 0.0, 0.0, 0.2],
              [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
              [0.0, -0.4, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.3],
              [0.0, 0.2, 0.0, 0.0, 0.0, 0.0, 0.3, 1.0]
            ]
          }
        }
        """,
    ]
}
