using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Tests.Critiques;

/// <summary>A small two-file change the critique tests quote from.</summary>
internal static class TestChanges
{
    public const string OrderService = "src/Orders/OrderService.cs";
    public const string TextFile = "src/Util/Text.cs";

    public const string Patch = """
        diff --git a/src/Orders/OrderService.cs b/src/Orders/OrderService.cs
        --- a/src/Orders/OrderService.cs
        +++ b/src/Orders/OrderService.cs
        @@ -10,5 +10,8 @@ public sealed class OrderService
             public decimal Total(Order order)
             {
        -        var total = 0m;
        +        decimal total = 0;
        +        for (var i = 0; i <= order.Items.Count; i++)
        +            total += order.Items[i].Price;
        +        Log("computed total for " + order.Id);
                 return total;
             }
        diff --git a/src/Util/Text.cs b/src/Util/Text.cs
        new file mode 100644
        --- /dev/null
        +++ b/src/Util/Text.cs
        @@ -0,0 +1,5 @@
        +namespace Util;
        +public static class Text
        +{
        +    public static string Clip(string s, int n) => s.Substring(0, n);
        +}

        """;

    public static UnifiedDiff Diff() => Parse(Patch);

    public static UnifiedDiff Parse(string patch)
    {
        var result = UnifiedDiffParser.Parse(patch);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Diff!;
    }

    public static ChangeContext Context(string? title = "Compute order totals", string? body = "Adds a loop.") => new()
    {
        Diff = Diff(),
        PullRequest = new PullRequestInfo { Repository = "octo/shop", Number = 7, HeadSha = "abc123", Title = title ?? "", Body = body },
    };
}
