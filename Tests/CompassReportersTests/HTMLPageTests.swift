import Compass
import Foundation
import Testing

/// Properties of the HTML page that a golden file alone would not explain.
@Suite struct HTMLPageTests {
    static let page: String = {
        guard let report = try? Engine().report(.compass, on: .compassSample2022(), period: .year(2022)),
            let page = try? HTMLReporter(language: .french).render(report)
        else { return "" }
        return page
    }()

    /// The WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let digits = Array(hex.dropFirst())
            let channels = stride(from: 0, to: 6, by: 2).map { index -> Double in
                let value = Double(Int(String(digits[index...index + 1]), radix: 16) ?? 0) / 255
                return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (light, dark) = (max(luminance(first), luminance(second)), min(luminance(first), luminance(second)))
        return (light + 0.05) / (dark + 0.05)
    }

    /// The value of a CSS custom property declared in the page's `:root`.
    static func variable(_ name: String) throws -> String {
        let declaration = try #require(page.firstRange(of: "--\(name): #"))
        return "#" + page[declaration.upperBound...].prefix(6)
    }

    @Test func everyTextColourHasAContrastOfAtLeastFourAndAHalf() throws {
        let ink = try Self.variable("ink"), muted = try Self.variable("muted"), brand = try Self.variable("brand")
        let paper = try Self.variable("paper"), card = try Self.variable("card"), track = try Self.variable("track")
        #expect(
            [ink, muted, brand, paper, card, track] == [
                "#1a1a1a", "#4a4a4a", "#0033a0", "#ffffff", "#f2f5fa", "#dde4f0",
            ])
        #expect(Self.page.contains(".masthead { background: var(--brand); color: #ffffff;"))
        #expect(Self.page.contains(".severity.error { color: #a10000; }"))
        #expect(Self.page.contains(".severity.warning { color: #7a4b00; }"))
        let pairs = [
            (ink, paper), (ink, card), (muted, paper), (muted, card), (brand, paper), (brand, card), ("#ffffff", brand),
            ("#a10000", paper), ("#7a4b00", paper), (ink, track),
        ]
        let lowest = pairs.map { Self.contrast($0.0, $0.1) }.min() ?? 0
        #expect(lowest >= 7.4 && lowest < 7.5)
    }

    @Test func pageIsSelfContainedAndHasTheLandmarks() {
        let page = Self.page
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n  <meta charset=\"utf-8\">\n"))
        #expect(page.ranges(of: "<h1>").count == 1)
        #expect(page.ranges(of: "<header").count == 1 && page.ranges(of: "<main").count == 1)
        #expect(page.ranges(of: "<footer").count == 1)
        #expect(page.ranges(of: "<section class=\"area\" aria-labelledby=\"area-").count == 6)
        #expect(page.ranges(of: "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-").count == 4)
        #expect(page.ranges(of: "<th scope=\"col\">").count == 4)
        for forbidden in ["<script", "<link", "<img", " src=", " href=", "url(", "@import"] {
            #expect(!page.contains(forbidden), "the page holds \(forbidden)")
        }
        #expect(page.contains("@media print {"))
        #expect(
            page.contains(
                "<title id=\"chart-1\">Sexe\u{00A0}: Femmes 48\u{00A0}%, Hommes 47\u{00A0}%, Inconnu 5\u{00A0}%</title>"
            ))
    }
}
