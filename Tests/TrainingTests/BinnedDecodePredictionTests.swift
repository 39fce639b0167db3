import Foundation
import ImageIO
import Training
import XCTest
import XMP

/// The shipped weights on the sample shoot, each photo decoded both ways: the binned decode
/// `predict` uses (`PhotoDecoder.decodeShrunk`) and the full half-size develop shrunk after.
/// The sliders written must be the same; the unrounded values may differ by Float rounding only.
final class BinnedDecodePredictionTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheSampleShootGetsTheSameSlidersThroughTheBinnedDecode() throws {
        let model = try StyleModel.load(Self.repository.appendingPathComponent(ShippedWeights.relativePath))
        let preprocessor = Preprocessor(recipe: model.recipe)
        let shoot = try FileManager.default.contentsOfDirectory(
            at: Self.repository.appendingPathComponent("SampleRAWs/shoot"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "dng" }.sorted { $0.path < $1.path }
        let photos = [Self.repository.appendingPathComponent("SampleRAWs/IMG_5952.CR2")] + shoot.prefix(5)
        var binned: [ImageTensor] = [], full: [ImageTensor] = []
        for url in photos {
            binned.append(preprocessor.encode(try PhotoDecoder.decodeShrunk(url, recipe: model.recipe).image))
            let whole = try PhotoDecoder.decode(url, options: model.recipe.decode).image
            full.append(preprocessor.encode(preprocessor.shrink(whole)))
        }
        let outputs = try model.predict(binned + full)
        for (index, url) in photos.enumerated() {
            for (k, descriptor) in model.descriptors.enumerated() {
                let viaBins = descriptor.value(fromUnit: Double(outputs[index][k]))
                let viaFull = descriptor.value(fromUnit: Double(outputs[index + photos.count][k]))
                let step = pow(10, -Double(descriptor.decimals))
                XCTAssertLessThan(abs(viaBins - viaFull), step / 100, "\(url.lastPathComponent) \(descriptor.name)")
                XCTAssertEqual((viaBins / step).rounded(), (viaFull / step).rounded(), "\(url.lastPathComponent) \(descriptor.name)")
            }
        }
    }
}
