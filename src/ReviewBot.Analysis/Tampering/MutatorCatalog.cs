using ReviewBot.Analysis.Tampering.Mutators;

namespace ReviewBot.Analysis.Tampering;

/// <summary>One mutator per <see cref="MutationKind"/>.</summary>
internal static class MutatorCatalog
{
    public static IReadOnlyList<IMutator> All { get; } =
    [
        new BoundaryFlipMutator(),
        new EqualityFlipMutator(),
        new NegatedConditionMutator(),
        new LogicalOperatorMutator(),
        new SwappedArgumentsMutator(),
        new DroppedAwaitMutator(),
        new RemovedNullCheckMutator(),
        new RemovedBoundsCheckMutator(),
        new WrongVariableReturnedMutator(),
        new OffByOneMutator(),
        new RemovedDisposeMutator(),
        new SwallowedExceptionMutator(),
        new PlusMinusMutator(),
        new RemovedBreakMutator(),
        new CultureComparisonMutator(),
        new SelfAssignmentMutator(),
        new IdenticalOperandsMutator(),
    ];

    public static IMutator For(MutationKind kind) => All.First(m => m.Kind == kind);
}
