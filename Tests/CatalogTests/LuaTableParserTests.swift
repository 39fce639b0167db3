import XCTest
@testable import Catalog

final class LuaTableParserTests: XCTestCase {
    let parser = LuaTableParser()

    func testLightroomsDevelopTextWithNestedCurvesAndMasks() throws {
        let text = """
            s = { AutoGrayscaleMix = true,
            Blacks2012 = -12,
            CorrectionName = "Sky \\"blue\\"\\n",
            Exposure2012 = 0.35,
            MaskGroupBasedCorrections = { {
            \t\tCorrectionAmount = 1,
            \t\tMasks = { { MaskValue = 1, What = "Mask/Image", }, },
            \t}, },
            ProcessVersion = "15.4",
            Shadows2012 = 1e-05,
            ToneCurvePV2012 = { 0, 0, 64, 60, 255, 255, },
            }
            """
        let table = try parser.parse(text)
        XCTAssertEqual(table["Exposure2012"], .number(0.35))
        XCTAssertEqual(table["Blacks2012"], .number(-12))
        XCTAssertEqual(table["Shadows2012"], .number(1e-05))
        XCTAssertEqual(table["ProcessVersion"], .string("15.4"))
        XCTAssertEqual(table["AutoGrayscaleMix"], .boolean(true))
        XCTAssertEqual(table["CorrectionName"], .string("Sky \"blue\"\n"))
        let curve = try XCTUnwrap(table["ToneCurvePV2012"]?.table)
        XCTAssertEqual(curve.count, 6)
        XCTAssertEqual(curve[.number(3)], .number(64))
        let masks = try XCTUnwrap(table["MaskGroupBasedCorrections"]?.table?[.number(1)]?.table?["Masks"]?.table)
        XCTAssertEqual(masks[.number(1)]?.table?["What"], .string("Mask/Image"))
    }

    func testEveryLuaLiteralForm() throws {
        let table = try parser.parse("""
            return { [10] = 'single', ["a key"] = [[long
            string]], [==[x]==], 0x1F, .5, 5., -0, nil, k = nil; z = "\\65\\x42\\u{43}\\z
                  D", -- a comment
            --[[ a long
            comment ]] last = false }
            """)
        XCTAssertEqual(table[.number(10)], .string("single"))
        XCTAssertEqual(table["a key"], .string("long\nstring"))
        XCTAssertEqual(table[.number(1)], .string("x"))
        XCTAssertEqual(table[.number(2)], .number(31))
        XCTAssertEqual(table[.number(3)], .number(0.5))
        XCTAssertEqual(table[.number(4)], .number(5))
        XCTAssertEqual(table[.number(5)], .number(0))
        XCTAssertNil(table[.number(6)], "a nil value is no entry")
        XCTAssertEqual(table.count, 9)
        XCTAssertNil(table["k"])
        XCTAssertEqual(table["z"], .string("ABCD"))
        XCTAssertEqual(table["last"], .boolean(false))
        XCTAssertEqual(try parser.parse("{}").count, 0)
        XCTAssertEqual(try parser.parse("  s={x=1}  \n").count, 1)
    }

    func testMalformedTextsAreErrorsWithTheirPlace() {
        let cases: [(String, String)] = [
            ("", "expected a table"),
            ("s = { x = 1", "never closed"),
            ("s = { x = 1 } trailing", "unexpected text"),
            ("s = { x = \"open }", "unterminated string"),
            ("s = { x = \"a\nb\" }", "line break inside quotes"),
            ("s = { x = 1, x = 2 }", "appears twice"),
            ("s = { x = os.exit() }", "only literals"),
            ("s = { x = 1 + 2 }", "expected ',' or '}'"),
            ("s = { x = 1e999 }", "out of range"),
            ("s = { x = 12abc }", "malformed number"),
            ("s = { x = \"\\q\" }", "invalid escape"),
            ("s = { x = \"\\300\" }", "above 255"),
            ("s = { x = \"\\xZZ\" }", "two hexadecimal digits"),
            ("s = { x = \"\\u{D800}\" }", "not a Unicode scalar"),
            ("s = { x = [[never", "unterminated long string"),
            ("s = { [true] = 1 }", "string or a number"),
            ("s = { [nil] = 1 }", "cannot be nil"),
            ("s = { end = 1 }", "keyword"),
            ("s = { x = \"\u{FFFD}\" }", ""),
        ]
        for (text, expected) in cases where !expected.isEmpty {
            XCTAssertThrowsError(try parser.parse(text), text) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.contains(expected), "\(text): \(message)")
                XCTAssertTrue(message.hasPrefix("line "), message)
            }
        }
        XCTAssertThrowsError(try parser.parse(bytes: Array("s = { x = \"".utf8) + [0xC3, 0x28] + Array("\" }".utf8))) {
            XCTAssertTrue(String(describing: $0).contains("not valid UTF-8"))
        }
        XCTAssertThrowsError(try parser.parse("s = {\n  x = 1,\n  y = @ }")) {
            XCTAssertEqual(($0 as? LuaTableError)?.line, 3)
            XCTAssertEqual(($0 as? LuaTableError)?.column, 7)
        }
    }

    func testLimitsBoundDepthSizeEntriesAndStrings() {
        let deep = String(repeating: "{", count: 200) + String(repeating: "}", count: 200)
        XCTAssertThrowsError(try parser.parse(deep)) { XCTAssertTrue(String(describing: $0).contains("nest more than 64")) }
        let small = LuaTableParser(limits: LuaTableLimits(maximumBytes: 100, maximumDepth: 4, maximumEntries: 3,
                                                          maximumStringBytes: 5))
        XCTAssertThrowsError(try small.parse("s = { x = \"" + String(repeating: "a", count: 200) + "\" }")) {
            XCTAssertTrue(String(describing: $0).contains("more than the 100 allowed"))
        }
        XCTAssertThrowsError(try small.parse("{1, 2, 3, 4}")) { XCTAssertTrue(String(describing: $0).contains("more than 3 entries")) }
        XCTAssertThrowsError(try small.parse("{\"abcdef\"}")) { XCTAssertTrue(String(describing: $0).contains("longer than 5")) }
        XCTAssertThrowsError(try small.parse("{[[abcdef]]}")) { XCTAssertTrue(String(describing: $0).contains("longer than 5")) }
        XCTAssertNoThrow(try small.parse("{{{}}}"))
        XCTAssertThrowsError(try small.parse("{{{{{}}}}}"))
    }

    func testHostileLongBracketsStayLinear() {
        // Many '=' and many ']' would make a naive closing check quadratic; levels above 32 are refused.
        let text = "{ [" + String(repeating: "=", count: 100_000) + "[" + String(repeating: "]", count: 100_000) + " }"
        XCTAssertThrowsError(try parser.parse(text))
    }
}
