import SeededRandom
import Develop
import Foundation
import ImageIO
import Testing

@Suite("Synthetic shoot schedule: bursts and synced edits")
struct ShootScheduleTests {
    let start = Date(timeIntervalSince1970: 1_718_445_600)

    func schedule(photos: Int = 200, burst: Double = 0.4, sync: Double = 0.5, seed: UInt64 = 3) -> ShootSchedule {
        var rng = SplitMix64(seed: seed)
        return ShootSchedule(photos: photos, burstProbability: burst, syncProbability: sync, start: start, using: &rng)
    }

    @Test("burst frames follow their lead within seconds, repeat its scene and drift a little from the frame before")
    func bursts() {
        let frames = schedule().frames
        #expect(frames.count == 200)
        #expect(!frames[0].isBurstFrame)
        let bursts = frames.indices.filter { frames[$0].isBurstFrame }
        // 40 % of 199 frames, give or take: the probability is used, not ignored.
        #expect((50...110).contains(bursts.count), "\(bursts.count) burst frames")
        for index in frames.indices.dropFirst() {
            let frame = frames[index], previous = frames[index - 1]
            let gap = frame.captureDate.timeIntervalSince(previous.captureDate)
            if let lead = frame.leadFrame {
                #expect(lead < index && !frames[lead].isBurstFrame, "frame \(index) leads to \(lead)")
                // A burst is contiguous: every frame between the lead and this one belongs to it.
                #expect(frames[(lead + 1)..<index].allSatisfy { $0.leadFrame == lead })
                #expect(frame.sceneNumber == frames[lead].sceneNumber)
                #expect((0.3...2.5).contains(gap), "burst gap \(gap)")
                #expect(abs(frame.shift - previous.shift) <= 4 && frame.shift % 2 == 0)
                #expect(abs(frame.recipe.exposureError - previous.recipe.exposureError) <= 0.1 + 1e-12)
                #expect(frame.recipe.flattening == previous.recipe.flattening)
            } else {
                #expect(frame.sceneNumber == previous.sceneNumber + 1, "new scenes are numbered in order")
                #expect((20...900).contains(gap), "gap before a new scene \(gap)")
                #expect(frame.shift == 0 && !frame.synced)
            }
        }
        #expect(frames[0].sceneNumber == 0 && frames[0].captureDate > start)
    }

    @Test("only burst frames are synced, about as often as asked")
    func syncing() {
        let frames = schedule(burst: 0.5, sync: 0.6).frames
        let bursts = frames.filter(\.isBurstFrame)
        let synced = frames.filter(\.synced)
        #expect(synced.allSatisfy { $0.isBurstFrame })
        let share = Double(synced.count) / Double(bursts.count)
        #expect((0.4...0.8).contains(share), "\(synced.count) of \(bursts.count) burst frames synced")
        #expect(schedule(sync: 0).frames.allSatisfy { !$0.synced })
        #expect(schedule(sync: 1).frames.allSatisfy { $0.synced == $0.isBurstFrame })
    }

    @Test("the probabilities' extremes: no bursts, or one long burst")
    func extremes() {
        let none = schedule(photos: 30, burst: 0).frames
        #expect(none.allSatisfy { !$0.isBurstFrame })
        #expect(none.map(\.sceneNumber) == Array(0..<30))
        let one = schedule(photos: 30, burst: 1).frames
        #expect(one.dropFirst().allSatisfy { $0.leadFrame == 0 && $0.sceneNumber == 0 })
        #expect(schedule(photos: 0).frames.isEmpty)
    }

    @Test("the same seed gives the same schedule; another seed another one")
    func seeded() {
        #expect(schedule(seed: 11) == schedule(seed: 11))
        #expect(schedule(seed: 11) != schedule(seed: 12))
    }
}
