using ReviewBot.Analysis.Rules.Async;
using ReviewBot.Analysis.Rules.Exceptions;
using ReviewBot.Analysis.Rules.Logic;
using ReviewBot.Analysis.Rules.Nulls;
using ReviewBot.Analysis.Rules.Resources;
using ReviewBot.Analysis.Rules.Strings;

namespace ReviewBot.Analysis.Rules;

/// <summary>ReviewBot's own C# rules, by id.</summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<ICSharpRule> All { get; } =
    [
        new DroppedAwaitRule(),
        new AsyncVoidRule(),
        new SwallowedExceptionRule(),
        new SelfAssignmentRule(),
        new IdenticalOperandsRule(),
        new IdenticalBranchesRule(),
        new NullDereferenceRule(),
        new UndisposedLocalRule(),
        new LoopBoundRule(),
        new InvertedNullCheckRule(),
        new CultureComparisonRule(),
        new HttpClientPerCallRule(),
        new CollectionModifiedRule(),
        new IntegerDivisionRule(),
        new StringConcatInLoopRule(),
        new OrderByTwiceRule(),
        new BlockingWaitRule(),
    ];
}
