import SeededRandom
import Foundation
import ImageIO
import SyntheticRAW
import XCTest
import XMP
@testable import Training

/// The three dataset layers: RAWs with labels (and what was skipped, and why), decoded images
/// through the cache, and augmented epochs whose validation side is never touched.
final class DatasetTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func writeDNG(_ name: String, settings: [String: Double]?, hdr: Bool = false, seconds: Double = 0) throws {
        var metadata = DNGMetadata()
        if let settings {
            var packet = String(decoding: try SidecarMerger.newSidecar(
                SidecarContent(settings: DevelopSettings(settings), rawFileName: name)), as: UTF8.self)
            if hdr { packet = packet.replacingOccurrences(of: "crs:HasSettings=", with: "crs:HDREditMode=\"1\"\n   crs:HasSettings=") }
            metadata.xmpPacket = Data(packet.utf8)
        }
        metadata.setCaptureDate(Date(timeIntervalSince1970: 1_700_000_000 + seconds))
        let sensor = SyntheticSensor()
        var rng = SplitMix64(seed: 5)
        try DNGWriter.write(mosaic: sensor.capture(LinearImage(width: 32, height: 24, red: 0.2, green: 0.18, blue: 0.15), using: &rng),
                            colorMatrix: sensor.colorMatrix, asShotNeutral: sensor.neutral, metadata: metadata,
                            to: folder.appendingPathComponent(name))
    }

    func testTheRawDatasetReadsLabelsAndListsEverySkippedFileWithItsReason() throws {
        try writeDNG("IMG_0001.dng", settings: ["Exposure2012": 0.85, "Shadows2012": 40], seconds: 0)
        try writeDNG("IMG_0002.dng", settings: ["Exposure2012": -0.5, "Contrast2012": 12], hdr: true, seconds: 30)
        try writeDNG("IMG_0003.dng", settings: nil)
        try Data("not a raw".utf8).write(to: folder.appendingPathComponent("IMG_0004.CR2"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let notes = folder.appendingPathComponent("notes.txt").path

        let dataset = RawDataset.load([folder.path, notes, folder.appendingPathComponent("missing").path],
                                      space: .lightroomBasic)
        XCTAssertEqual(dataset.photos.map(\.name), ["IMG_0001.dng", "IMG_0002.dng"])
        let first = dataset.photos[0]
        XCTAssertEqual(first.label[setting: 0], 0.85 / 5)
        XCTAssertEqual(first.label[setting: 3], 0.4)
        XCTAssertNil(first.label[setting: 1], "an absent setting stays absent")
        let firstTime = try XCTUnwrap(first.captureTime), secondTime = try XCTUnwrap(dataset.photos[1].captureTime)
        XCTAssertEqual(secondTime.timeIntervalSince(firstTime), 30, accuracy: 0.01)
        XCTAssertTrue(first.labelSource.hasSuffix("IMG_0001.dng (embedded XMP)"))
        XCTAssertEqual(dataset.photos.map(\.isHDR), [false, true])
        XCTAssertEqual(dataset.hdrCount, 1)

        let reasons = Dictionary(uniqueKeysWithValues: dataset.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
        XCTAssertEqual(reasons.count, 4, "\(dataset.skipped)")
        XCTAssertEqual(reasons["IMG_0003.dng"], "no label: the DNG has no embedded XMP")
        XCTAssertTrue(reasons["IMG_0004.CR2"]?.hasPrefix("cannot read the file:") ?? false, "\(reasons)")
        XCTAssertEqual(reasons["notes.txt"], "not a RAW file (.txt)")
        XCTAssertEqual(reasons["missing"], "no such file or folder")
        XCTAssertThrowsError(try FineTuning.checkEnough(dataset, shoots: [folder.path])) { error in
            XCTAssertTrue("\(error)".contains("2 labelled photos found, at least 4 needed"), "\(error)")
        }
    }

    func testTheLabelSpaceOfTheStandardSettingsIsLightroomBasic() {
        XCTAssertEqual(LabelSpace(descriptors: SettingDescriptor.standard), .lightroomBasic)
    }

    func testTheTensorDatasetDecodesOnceThenReadsTheCache() throws {
        try writeDNG("IMG_0001.dng", settings: ["Exposure2012": 0.85])
        try writeDNG("IMG_0002.dng", settings: ["Exposure2012": 0.25])
        try Data("x".utf8).write(to: folder.appendingPathComponent("IMG_0003.dng"))
        var dataset = RawDataset.load([folder.path], space: .lightroomBasic)
        // A labelled photo that turns out not to decode is dropped with the reason.
        dataset.photos.append(LabelledPhoto(url: folder.appendingPathComponent("IMG_0003.dng"), labelSource: "test",
                                            settings: DevelopSettings(), label: dataset.photos[0].label,
                                            captureTime: nil, isHDR: false))
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 16
        let cache = DecodedImageCache(directory: folder.appendingPathComponent("cache"))
        let first = TensorDataset.load(dataset.photos, preprocessor: Preprocessor(recipe: recipe), cache: cache)
        XCTAssertEqual(first.photos.count, 2)
        XCTAssertEqual(first.decodedCount, 2)
        XCTAssertEqual(first.failures.map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["IMG_0003.dng"])
        XCTAssertTrue(first.failures[0].reason.hasPrefix("cannot decode:"))
        let second = TensorDataset.load(dataset.photos, preprocessor: Preprocessor(recipe: recipe), cache: cache, threads: 1)
        XCTAssertEqual(second.cachedCount, 2)
        XCTAssertEqual(second.images, first.images)
        XCTAssertEqual(first.images[0].width, 16)
    }

    func testValidationLabelsAreNeverSmoothedNoisedOrAugmented() throws {
        let images = (0..<10).map { TestImages.random(width: 8, height: 8, seed: UInt64($0)) }
        let labels = (0..<10).map { TestImages.sample(images[$0], exposure: Float($0) / 20).label }
        let times = (0..<10).map { Optional(Date(timeIntervalSince1970: Double($0) * 60)) }
        let split = CaptureTimeSplit(training: [0, 1, 2, 4, 5, 7, 8], validation: [3, 6, 9], groups: [])
        let data = AugmentedDataset(images: images, labels: labels, captureTimes: times, split: split, space: .lightroomBasic,
                                    policy: .standard(space: .lightroomBasic, copiesPerPhoto: 2),
                                    smoothing: try LabelSmoothing(filter: .gaussian(sigma: 1.5), noise: 0.1), seed: 3)
        let epoch = data.epoch(0)
        XCTAssertEqual(epoch.count, 7 * 3)
        XCTAssertEqual(data.samplesPerEpoch, 21)
        XCTAssertEqual(data.trainingLabels(epoch: 0).indices, split.training)
        XCTAssertNotEqual(epoch[0].label, labels[0], "training labels are smoothed and noised")
        XCTAssertNotEqual(data.trainingLabels(epoch: 1).labels, data.trainingLabels(epoch: 0).labels, "fresh noise each epoch")
        XCTAssertEqual(data.epoch(1, threads: 1), data.epoch(1, threads: 2))
        let validation = data.validationSamples
        XCTAssertEqual(validation.map(\.label), [labels[3], labels[6], labels[9]])
        XCTAssertEqual(validation.map(\.image), [images[3], images[6], images[9]])
    }

    func testSplitProblemsAndSmoothingOptionsAreSaidPlainly() throws {
        let burst = (0..<5).map { Optional(Date(timeIntervalSince1970: Double($0))) }
        XCTAssertThrowsError(try FineTuning.split(captureTimes: burst, validationFraction: 0.2, seed: 0)) { error in
            XCTAssertTrue("\(error)".contains("form 1 burst"), "\(error)")
        }
        let spread = (0..<10).map { Optional(Date(timeIntervalSince1970: Double($0) * 60)) }
        let a = try FineTuning.split(captureTimes: spread, validationFraction: 0.3, seed: 4)
        XCTAssertEqual(a, try FineTuning.split(captureTimes: spread, validationFraction: 0.3, seed: 4), "same seed, same split")
        XCTAssertEqual(a.validation.count, 3)
        XCTAssertEqual(try LabelSmoothing(parsing: "moving-average:5", noise: 0.01).filter, .movingAverage(window: 5))
        XCTAssertEqual(try LabelSmoothing(parsing: "gaussian:1.5", noise: 0).description, "gaussian:1.5")
        XCTAssertThrowsError(try LabelSmoothing(parsing: "moving-average:4", noise: 0))
        XCTAssertThrowsError(try LabelSmoothing(parsing: "median:3", noise: 0))
        // The filter's text form (what --smoothing parses) round-trips and refuses bad values.
        for filter: LabelSmoothing.Filter in [.none, .movingAverage(window: 3), .gaussian(sigma: 0.75)] {
            XCTAssertEqual(LabelSmoothing.Filter(filter.description), filter)
        }
        for bad in ["moving-average:0", "moving-average:-3", "gaussian:0", "gaussian:nan", "gaussian:", "", "nonesuch"] {
            XCTAssertNil(LabelSmoothing.Filter(bad), bad)
        }
    }
}
