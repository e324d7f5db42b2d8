using ReviewBot.GitHub.Sources;

namespace ReviewBot.GitHub.Tests.Sources;

public sealed class FileTriageTests
{
    [Theory]
    [InlineData("src/Orders/OrderService.cs", FileClass.Source)]
    [InlineData("lib/parser.py", FileClass.Source)]
    [InlineData("tests/ReviewBot.Core.Tests/ParserTests.cs", FileClass.Test)]
    [InlineData("pkg/server/server_test.go", FileClass.Test)]
    [InlineData("web/src/app.spec.ts", FileClass.Test)]
    [InlineData("test_parser.py", FileClass.Test)]
    [InlineData("README.md", FileClass.Docs)]
    [InlineData("docs/setup/install.html", FileClass.Docs)]
    [InlineData("src/App/App.csproj", FileClass.Config)]
    [InlineData(".github/workflows/ci.yml", FileClass.Config)]
    [InlineData("Dockerfile", FileClass.Config)]
    public void Classify_Path_Class(string path, FileClass expected)
    {
        Assert.Equal(expected, FileTriage.Classify(path));
    }
}
