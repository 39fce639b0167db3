import Dispatch
import Foundation
import ImageIO

/// The second layer of training data: every labelled photo decoded once and shrunk to the
/// network's size in linear light (steps 1–2 of the model's recipe), through the on-disk
/// `DecodedImageCache` so that a second run reads each photo back in milliseconds.
///
/// Photos that fail to decode are dropped and listed in `failures`, so one bad file never stops
/// training. Decoding runs on `threads` threads; the result does not depend on their number.
public struct TensorDataset: Sendable {
    /// The photos that decoded, in the order given.
    public let photos: [LabelledPhoto]
    /// `images[i]` is photo i shrunk to the recipe's input size, linear light.
    public let images: [LinearImage]
    /// Photos that could not be decoded, with the decoder's message.
    public let failures: [SkippedFile]
    /// How many images came from the cache and how many were decoded now.
    public let cachedCount: Int
    public let decodedCount: Int
    /// Wall time of loading.
    public let seconds: Double

    /// Loads `photos` with `preprocessor`'s recipe, from `cache` when it is given (else decoding
    /// everything). `progress(done, total)` is called after each photo, from any thread.
    /// O(photos × decode) the first time, O(photos × cache read) after.
    public static func load(_ photos: [LabelledPhoto], preprocessor: Preprocessor, cache: DecodedImageCache?,
                            threads: Int = 2, progress: (@Sendable (Int, Int) -> Void)? = nil) -> TensorDataset {
        let start = ContinuousClock.now
        let results = loadImages(photos.map(\.url), preprocessor: preprocessor, cache: cache, threads: threads,
                                 progress: progress)
        var kept: [LabelledPhoto] = [], images: [LinearImage] = [], failures: [SkippedFile] = []
        var cached = 0
        for (photo, result) in zip(photos, results) {
            switch result {
            case .used(let (image, fromCache)):
                kept.append(photo)
                images.append(image)
                cached += fromCache ? 1 : 0
            case .skipped(let failure):
                failures.append(failure)
            }
        }
        let elapsed = (ContinuousClock.now - start).components
        return TensorDataset(photos: kept, images: images, failures: failures, cachedCount: cached,
                             decodedCount: kept.count - cached,
                             seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
    }

    /// The shrunk linear image of each of `urls`, in order (from `cache` when given), decoded on
    /// `threads` threads; `fromCache` tells which were read from the cache.
    public static func loadImages(_ urls: [URL], preprocessor: Preprocessor, cache: DecodedImageCache?, threads: Int = 2,
                                  progress: (@Sendable (Int, Int) -> Void)? = nil)
        -> [UsableFile<(image: LinearImage, fromCache: Bool)>] {
        precondition(threads >= 1, "at least one thread")
        var results = [UsableFile<(image: LinearImage, fromCache: Bool)>?](repeating: nil, count: urls.count)
        let counter = DoneCounter()
        results.withUnsafeMutableBufferPointer { buffer in
            // Each photo writes only its own slot.
            nonisolated(unsafe) let output = buffer
            let workers = min(threads, max(urls.count, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: urls.count, by: workers) {
                    output[index] = loadImage(urls[index], preprocessor: preprocessor, cache: cache)
                    progress?(counter.increment(), urls.count)
                }
            }
        }
        return results.map { $0! }
    }

    private static func loadImage(_ url: URL, preprocessor: Preprocessor, cache: DecodedImageCache?) -> UsableFile<(image: LinearImage, fromCache: Bool)> {
        do {
            if let cache {
                let entry = try cache.shrunkImage(for: url, preprocessor: preprocessor)
                return .used((entry.image, entry.fromCache))
            }
            return .used((try PhotoDecoder.decodeShrunk(url, recipe: preprocessor.recipe).image, false))
        } catch {
            return .skipped(SkippedFile(path: url.path, reason: "cannot decode: \(error)"))
        }
    }

    /// The photos' labels, in order.
    public var labels: [ScaledLabel] { photos.map(\.label) }

    /// The photos' capture times, in order.
    public var captureTimes: [Date?] { photos.map(\.captureTime) }
}

/// A thread-safe counter for progress callbacks.
final class DoneCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
