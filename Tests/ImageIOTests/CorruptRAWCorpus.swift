import Foundation
import SeededRandom

/// Damaged copies of real RAWs, made from a seed: what a failing card, an interrupted copy or a
/// hostile sender produces. Sample `i` depends only on the seed and `i`, so any failure can be
/// made again alone.
struct CorruptRAWCorpus {
    /// What was done to the file.
    enum Damage: String, CaseIterable {
        /// Cut short at some offset (anywhere, or inside the first 64 KiB where headers live).
        case truncated
        /// A few to a few hundred bits flipped (anywhere, or in the first 64 KiB).
        case bitFlips
        /// The first bytes replaced by another file's, or the byte-order mark swapped.
        case swappedHeader
        /// Nothing at all.
        case empty
        /// TIFF ImageWidth/ImageLength set to absurd values (0, 1, 65535, 2³²−1…).
        case hugeDimensions
        /// The lossless-JPEG frame header (SOF3) of the raw data declares another size.
        case frameDimensions
    }

    struct Sample {
        var index: Int
        var source: URL
        var damage: Damage
        /// The exact change, to reproduce or report it.
        var detail: String
        var bytes: [UInt8]

        var name: String { "\(index)-\(damage.rawValue)-\(source.lastPathComponent)" }
    }

    let sources: [URL]
    let seed: UInt64
    private let originals: [[UInt8]]

    init(sources: [URL], seed: UInt64) throws {
        self.sources = sources
        self.seed = seed
        originals = try sources.map { [UInt8](try Data(contentsOf: $0)) }
    }

    /// The `index`th sample. Sources and damages take turns, so any count covers them all.
    func sample(_ index: Int) -> Sample {
        var rng = Xoshiro256StarStar(seed: SplitMix64.mix(seed &+ UInt64(index)))
        let sourceIndex = index % sources.count
        let damage = Damage.allCases[(index / sources.count) % Damage.allCases.count]
        var bytes = originals[sourceIndex]
        let detail: String
        let headerRegion = min(bytes.count, 65_536)
        switch damage {
        case .truncated:
            let cut = rng.nextBernoulli(0.5) ? rng.nextIndex(below: headerRegion) : rng.nextIndex(below: bytes.count)
            bytes = Array(bytes.prefix(cut))
            detail = "cut at \(cut) of \(originals[sourceIndex].count)"
        case .bitFlips:
            let count = [1, 4, 32, 256][rng.nextIndex(below: 4)]
            let region = rng.nextBernoulli(0.5) ? headerRegion : bytes.count
            for _ in 0..<count {
                bytes[rng.nextIndex(below: region)] ^= 1 << UInt8(rng.nextIndex(below: 8))
            }
            detail = "\(count) bits flipped in the first \(region) bytes"
        case .swappedHeader:
            let other = originals[(sourceIndex + 1 + rng.nextIndex(below: max(1, sources.count - 1))) % sources.count]
            if rng.nextBernoulli(0.25) {
                let order: [UInt8] = bytes.starts(with: [0x49, 0x49]) ? [0x4D, 0x4D] : [0x49, 0x49]
                bytes.replaceSubrange(0..<2, with: order)
                detail = "byte-order mark swapped"
            } else {
                let length = min([8, 16, 512, 4096, 65_536][rng.nextIndex(below: 5)], bytes.count, other.count)
                bytes.replaceSubrange(0..<length, with: other[0..<length])
                detail = "first \(length) bytes from another RAW"
            }
        case .empty:
            bytes = []
            detail = "zero length"
        case .hugeDimensions:
            let absurd: [UInt32] = [0, 1, 3, 12_000, 30_000, 65_535, 64_001, 100_000, 0x7FFF_FFFF, 0xFFFF_FFFF]
            guard let tiff = TIFFTagLocator(bytes) else { return sample(byFlipping: bytes, index, rng) }
            let values = tiff.values(of: [256, 257])
            guard !values.isEmpty else { return sample(byFlipping: bytes, index, rng) }
            var changes: [String] = []
            for value in values where rng.nextBernoulli(0.6) || changes.isEmpty {
                let new = absurd[rng.nextIndex(below: absurd.count)]
                TIFFTagLocator.patch(&bytes, value, to: new, littleEndian: tiff.littleEndian)
                changes.append("tag \(value.tag)@\(value.offset)=\(new)")
            }
            detail = changes.joined(separator: ", ")
        case .frameDimensions:
            guard let sof = Self.frameHeader(in: bytes) else { return sample(byFlipping: bytes, index, rng) }
            let height = UInt16(truncatingIfNeeded: [0, 1, 0xFFFF, 30_000][rng.nextIndex(below: 4)])
            let width = UInt16(truncatingIfNeeded: [0, 2, 0xFFFF, 40_000][rng.nextIndex(below: 4)])
            bytes[sof + 5] = UInt8(height >> 8); bytes[sof + 6] = UInt8(height & 0xFF)
            bytes[sof + 7] = UInt8(width >> 8); bytes[sof + 8] = UInt8(width & 0xFF)
            detail = "SOF3 at \(sof) declares \(width)×\(height)"
        }
        return Sample(index: index, source: sources[sourceIndex], damage: damage, detail: detail, bytes: bytes)
    }

    /// Files with no such structure get bit flips instead, so every index still tests something.
    private func sample(byFlipping original: [UInt8], _ index: Int, _ rng: Xoshiro256StarStar) -> Sample {
        var rng = rng, bytes = original
        for _ in 0..<8 where !bytes.isEmpty { bytes[rng.nextIndex(below: bytes.count)] ^= 0xFF }
        return Sample(index: index, source: sources[index % sources.count], damage: .bitFlips,
                      detail: "8 bytes inverted (no structure to patch)", bytes: bytes)
    }

    /// Offset of the first lossless-JPEG frame header (FF C3) with a plausible length.
    static func frameHeader(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 9 < bytes.count {
            if bytes[index] == 0xFF, bytes[index + 1] == 0xC3, bytes[index + 2] == 0, (8...20).contains(Int(bytes[index + 3])) {
                return index
            }
            index += 1
        }
        return nil
    }
}
