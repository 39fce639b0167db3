import Foundation

/// "epoch 3/10 · loss 0.0123 · validation 0.0150 · 14.2 images/s · 1 min 40 s left"
public enum EpochProgress {
    public static func describe(_ record: EpochRecord, state: TrainingState) -> String {
        var parts = ["epoch \(record.epoch)/\(state.options.epochs)", String(format: "loss %.4f", record.trainingLoss)]
        if let validation = record.validationLoss { parts.append(String(format: "validation %.4f", validation)) }
        parts.append(String(format: "%.1f images/s", record.imagesPerSecond))
        if state.isFinished {
            if state.stoppedEarly { parts.append("stopped early") }
        } else {
            let mean = state.history.map(\.seconds).reduce(0, +) / Double(max(1, state.history.count))
            parts.append(duration(mean * Double(state.options.epochs - state.epochsDone)) + " left")
        }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}
