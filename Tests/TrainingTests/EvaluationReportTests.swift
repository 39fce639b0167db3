import Foundation
import ImageIO
import XCTest
@testable import Training

final class EvaluationReportTests: XCTestCase {
    func testTheReportHasTheTableChartsAndThumbnailsOfTheWorstPhotos() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        let model = try StyleModel.initial(config: .micro, recipe: recipe, seed: 1)
        let images = (0..<6).map { TestImages.random(width: 32, height: 32, seed: UInt64($0)) }
        let labels = images.indices.map { TestImages.sample(images[$0], exposure: Float($0) / 10).label }
        let split = CaptureTimeSplit(training: [0, 1, 2, 3], validation: [4, 5], groups: [])
        let evaluation = try ModelEvaluation.run(model: model, images: images, labels: labels,
                                                 names: images.indices.map { "IMG_\($0).dng" }, split: split)
        XCTAssertEqual(evaluation.photos.map(\.name), ["IMG_4.dng", "IMG_5.dng"])
        XCTAssertGreaterThanOrEqual(evaluation.worstFirst[0].squaredError, evaluation.worstFirst[1].squaredError)
        XCTAssertTrue(evaluation.table.contains("guesser") && evaluation.table.contains("Saturation"))
        var report = EvaluationReport(evaluation: evaluation, modelName: "test <model>")
        report.worstCount = 1
        let url = try report.write(to: folder, images: images, preprocessor: Preprocessor(recipe: recipe))
        let html = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(html.contains("test &lt;model&gt;"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 8 + 1 + 8, "scatter and histogram per setting, one bar chart")
        let thumbnails = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("thumbnails").path)
        XCTAssertEqual(thumbnails.count, 1)
        let jpeg = try Data(contentsOf: folder.appendingPathComponent("thumbnails").appendingPathComponent(thumbnails[0]))
        XCTAssertEqual(Array(jpeg.prefix(3)), [0xFF, 0xD8, 0xFF])
    }
}
