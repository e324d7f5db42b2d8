using ReviewBot.RepositoryConfig;

namespace ReviewBot.Tests.RepositoryConfig;

public sealed class PathFilterTests
{
    [Theory]
    [InlineData("src/Orders/OrderService.cs", true)]
    [InlineData("README.md", true)]
    [InlineData("src/Orders/Order.g.cs", false)]
    [InlineData("web/node_modules/left-pad/index.js", false)]
    [InlineData("vendor/lib/x.go", false)]
    [InlineData("yarn.lock", false)]
    [InlineData("site/app.min.js", false)]
    [InlineData("web/package-lock.json", false)]
    public void Includes_Defaults_LeaveOutGeneratedVendoredLockAndMinified(string path, bool included)
    {
        Assert.Equal(included, new PathFilter(ReviewBot.RepositoryConfig.RepositoryConfig.Default).Includes(path));
    }

    [Theory]
    [InlineData("src/A.cs", true)]
    [InlineData("src/Legacy/B.cs", false)]
    [InlineData("tests/ATests.cs", false)]
    [InlineData("Src/A.cs", false)]
    public void Includes_IncludeAndExclude_BothApplyCaseSensitively(string path, bool included)
    {
        var config = ReviewBot.RepositoryConfig.RepositoryConfig.Default with { Include = ["src/"], Exclude = ["src/Legacy/**"] };

        Assert.Equal(included, new PathFilter(config).Includes(path));
    }

    [Theory]
    [InlineData("src/**/*.cs")]
    [InlineData("*.md")]
    [InlineData("docs/")]
    [InlineData("**")]
    public void Problem_SupportedGlobs_None(string glob) => Assert.Null(PathGlob.Problem(glob));
}
