using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Findings;

namespace ReviewBot.Analysis.Tests.Findings;

public sealed class ResolutionGateTests
{
    private const string Code = """
        namespace Shop;

        public static class Checkout
        {
            public static int Pay(IPaymentGateway gateway, int cents)
            {
                var total = cents * 2;
                return total;
            }

            public static int Refund(int cents)
            {
                Audit.Record(cents);
                var total = cents * 2;
                return total;
            }

            public static int Plain(int cents)
            {
                var total = cents * 2;
                return total;
            }
        }
        """;

    [Theory]
    [InlineData("var total = cents * 2;", 0, false, false)]
    [InlineData("Audit.Record(cents);", 0, false, false)]
    [InlineData("var total = cents * 2;", 1, false, true)]
    [InlineData("var total = cents * 2;", 1, true, false)]
    [InlineData("var total = cents * 2;", 2, true, true)]
    public async Task IsResolved_StatementOrMember_DependsOnWhatBound(string statement, int occurrence, bool wholeMember, bool expected)
    {
        var change = await TestChanges.Compiler().CompileAsync(TestChanges.Added("src/Shop/Checkout.cs", Code), CancellationToken.None);
        var tree = change.Files[0].HeadTree!;
        var text = tree.GetText().ToString();
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = text.IndexOf(statement, start + 1, StringComparison.Ordinal);
        }

        var resolved = ResolutionGate.IsResolved(change.Head.GetSemanticModel(tree), tree.GetRoot(), new TextSpan(start, statement.Length), wholeMember, CancellationToken.None);

        // Pay's parameter type does not bind, so nothing in Pay is trusted; in Refund only the unresolved call is not,
        // unless the whole member is asked for (nullable warnings).
        Assert.Equal(expected, resolved);
    }
}
