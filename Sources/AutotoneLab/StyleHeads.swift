import Develop
import Foundation
import ImageIO
import Training
import ViT
import XMP

/// Pretraining on several styles at once: one block of the eight settings per style in one
/// head, the main style's block first under the standard names (what ships), each other style's
/// block named `Exposure2012@STYLE` and so on. Every sample is labelled in the main style and in
/// one other style drawn for it; the other blocks are absent from its label, so the masked loss
/// ignores them. The body then learns what any of these photographers' choices depend on.
struct StyleHeads: Sendable {
    /// The main style's solver first, then one per other style.
    let solvers: [AutoAdjustSolver]

    init(main: Style, others: [Style]) {
        solvers = ([main] + others).map { AutoAdjustSolver(style: $0) }
    }

    var styleCount: Int { solvers.count }
    static let block = SettingDescriptor.standard

    /// The head's settings: the standard eight, then each other style's eight, renamed.
    var descriptors: [SettingDescriptor] {
        Self.block + solvers.dropFirst().flatMap { solver in
            Self.block.map { setting in
                var renamed = setting
                renamed.name = "\(setting.name)@\(solver.style.name)"
                return renamed
            }
        }
    }

    /// The label of `raw`: the main style's settings and, when there are other styles, those
    /// of style `other` (1…), every other block absent. `space` is `descriptors`' label space.
    func label(_ raw: LinearImage, other: Int?, space: LabelSpace) -> ScaledLabel {
        var values = [Float?](repeating: nil, count: space.count)
        for style in [0] + (other.map { [$0] } ?? []) {
            let solved = solvers[style].solve(raw).xmpValues
            for (offset, setting) in Self.block.enumerated() {
                values[style * Self.block.count + offset] = solved[setting.name].map(Float.init)
            }
        }
        return ScaledLabel(sliderValues: values, space: space)
    }

    /// `label` with only the main style's block: validation measures the style that ships.
    static func mainOnly(_ label: ScaledLabel) -> ScaledLabel {
        var kept = label
        for index in block.count..<label.count { kept.isPresent[index] = false }
        return kept
    }

    /// A model with only the main style's block of `model`'s head: the body and the first
    /// eight rows of the head copied, the other styles' rows left behind.
    static func mainStyleModel(_ model: StyleModel, config: ViTConfig, name: String) throws -> StyleModel {
        let single = try StyleModel.initial(config: config, recipe: model.recipe, name: name, seed: 0)
        copyBodyAndMainBlock(from: model, to: single)
        for (key, value) in model.network.provenance where key != StyleModel.ProvenanceKey.settings { single.network.provenance[key] = value }
        return single
    }

    /// The reverse, to start a run from trained weights: `model`'s body and main block in a fresh
    /// model with `descriptors` (the other styles' rows freshly initialised from `seed`).
    static func model(startingFrom model: StyleModel, descriptors: [SettingDescriptor], name: String,
                      seed: UInt64) throws -> StyleModel {
        let wide = try StyleModel.initial(config: model.network.config, descriptors: descriptors, recipe: model.recipe,
                                          name: name, seed: seed)
        copyBodyAndMainBlock(from: model, to: wide)
        return wide
    }

    /// Copies the body and the main style's rows of the head (the first eight outputs) between
    /// two models that differ only in how many outputs their heads have.
    private static func copyBodyAndMainBlock(from source: StyleModel, to target: StyleModel) {
        let from = source.network.network, to = target.network.network
        let sourceSlots = from.slots, targetSlots = to.slots
        precondition(sourceSlots.headWeight.offset == targetSlots.headWeight.offset, "the bodies have one layout")
        let width = targetSlots.headWeight.count / targetSlots.headBias.count
        precondition(width == sourceSlots.headWeight.count / sourceSlots.headBias.count, "the heads have one width")
        to.parameters.pointer.update(from: from.parameters.pointer, count: sourceSlots.headWeight.offset)
        (to.parameters.pointer + targetSlots.headWeight.offset).update(
            from: from.parameters.pointer + sourceSlots.headWeight.offset, count: block.count * width)
        (to.parameters.pointer + targetSlots.headBias.offset).update(
            from: from.parameters.pointer + sourceSlots.headBias.offset, count: block.count)
    }
}
