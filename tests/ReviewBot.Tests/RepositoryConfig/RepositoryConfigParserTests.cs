using ReviewBot.RepositoryConfig;

namespace ReviewBot.Tests.RepositoryConfig;

public sealed class RepositoryConfigParserTests
{
    public const string FullExample =
        """
        # .github/reviewbot.yml
        enabled: true
        llm: false
        drafts: true
        max_comments: 3
        length_modifier: 0.5
        paths:
          include: ["src/**", "tests/**"]
          exclude:
            - "src/Legacy/**"
        instructions:
          - paths: ["src/Payments/**"]
            text: Amounts are decimal; flag any arithmetic on double.
          - path: "**/*.sql"
            text: |
              Migrations must be reversible.
        skip:
          authors: ["dependabot[bot]"]
          labels: [no-review, wip]
        training_opt_out: true
        """;

    [Fact]
    public void Parse_EverySetting_ReadsEachValue()
    {
        var result = RepositoryConfigParser.Parse(FullExample);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var layer = result.Layer;
        Assert.True(layer.Enabled);
        Assert.False(layer.Llm);
        Assert.True(layer.Drafts);
        Assert.Equal(3, layer.MaxComments);
        Assert.Equal(0.5, layer.LengthModifier);
        Assert.Null(layer.TargetLengthPercentile);
        Assert.Equal(["src/**", "tests/**"], layer.Include!);
        Assert.Equal(["src/Legacy/**"], layer.Exclude!);
        Assert.Equal(2, layer.Instructions!.Count);
        Assert.Equal(["src/Payments/**"], layer.Instructions[0].Paths);
        Assert.Equal("Amounts are decimal; flag any arithmetic on double.", layer.Instructions[0].Text);
        Assert.Equal(["**/*.sql"], layer.Instructions[1].Paths);
        Assert.Equal("Migrations must be reversible.", layer.Instructions[1].Text);
        Assert.Equal(["dependabot[bot]"], layer.SkipAuthors!);
        Assert.Equal(["no-review", "wip"], layer.SkipLabels!);
        Assert.True(layer.TrainingOptOut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing set yet\n")]
    public void Parse_EmptyFile_IsValidAndSetsNothing(string text)
    {
        var result = RepositoryConfigParser.Parse(text);

        Assert.True(result.IsValid);
        Assert.Equal(ConfigLayer.Empty, result.Layer);
    }

    [Theory]
    [InlineData("max_comment: 3", 1, 1, "unknown setting 'max_comment' (did you mean 'max_comments'?)")]
    [InlineData("colour: blue", 1, 1, "unknown setting 'colour'; known settings here: enabled, llm")]
    [InlineData("paths:\n  includes: [src/**]", 2, 3, "unknown setting 'paths.includes' (did you mean 'paths.include'?)")]
    [InlineData("enabled: yes", 1, 10, "enabled must be true or false; got 'yes'")]
    [InlineData("enabled: \"true\"", 1, 10, "enabled must be true or false; got the string \"true\"")]
    [InlineData("max_comments: 100", 1, 15, "max_comments must be between 0 and 50; got 100")]
    [InlineData("max_comments: 2.5", 1, 15, "max_comments must be a whole number between 0 and 50; got '2.5'")]
    [InlineData("max_comments: [1]", 1, 15, "max_comments must be a whole number between 0 and 50; got a list")]
    [InlineData("target_length_percentile: 120", 1, 27, "target_length_percentile must be between 0 and 100; got 120")]
    [InlineData("length_modifier: lots", 1, 18, "length_modifier must be a number between -100 and 100; got 'lots'")]
    [InlineData("paths: src/**", 1, 8, "paths must be a mapping")]
    [InlineData("paths:\n  include: [\"/src/**\"]", 2, 13, "paths.include: '/src/**' starts with '/'")]
    [InlineData("paths:\n  exclude:\n    - ok/**\n    - \"src/{a,b}.cs\"", 4, 7, "paths.exclude: 'src/{a,b}.cs' uses '{', which is not supported")]
    [InlineData("paths:\n  exclude: [\"src/**.cs\"]", 2, 13, "'**' must be a whole directory level")]
    [InlineData("paths:\n  exclude: [\"../x\"]", 2, 13, "cannot leave or name the repository root")]
    [InlineData("instructions:\n  - text: hello", 2, 5, "each instruction needs 'paths'")]
    [InlineData("instructions: be nice", 1, 15, "instructions must be a list")]
    [InlineData("skip:\n  authors: [\"a b\"]", 2, 13, "skip.authors: 'a b' is not a valid name")]
    [InlineData("length_modifier: 1\ntarget_length_percentile: 50", 2, 1, "set length_modifier or target_length_percentile, not both")]
    [InlineData("- max_comments: 3", 1, 1, "the file must be a mapping of settings")]
    public void Parse_Invalid_ReportsWhereAndWhy(string text, int line, int column, string message)
    {
        var result = RepositoryConfigParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Equal(ConfigLayer.Empty, result.Layer);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachOneInFileOrder()
    {
        var result = RepositoryConfigParser.Parse("max_comments: -1\nllm: maybe\nfoo: 1\n");

        Assert.Equal([1, 2, 3], result.Problems.Select(static p => p.Line));
        Assert.All(result.Problems, static p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Theory]
    [InlineData("max_comments: 3\nmax_comments: 4", "duplicate key")]
    [InlineData("max_comments: [1, 2\nllm: true", "not valid YAML")]
    [InlineData("paths: 'src", "not valid YAML")]
    [InlineData("a: 1\n---\nb: 2", "one YAML document")]
    public void Parse_NotYaml_SaysSoWithAPosition(string text, string message)
    {
        var result = RepositoryConfigParser.Parse(text);

        var problem = Assert.Single(result.Problems);
        Assert.Contains(message, problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(problem.Line >= 1 && problem.Column >= 1);
    }

    [Fact]
    public void Parse_NullValues_AreNotSet()
    {
        var result = RepositoryConfigParser.Parse("max_comments:\nllm: ~\npaths:\n");

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Null(result.Layer.MaxComments);
        Assert.Null(result.Layer.Llm);
        Assert.Null(result.Layer.Include);
    }

    [Fact]
    public void With_OrganisationThenRepository_RepositoryWinsKeyByKey()
    {
        var organisation = RepositoryConfigParser.Parse("max_comments: 2\nllm: false\nskip:\n  labels: [wip]\nlength_modifier: 1").Layer;
        var repository = RepositoryConfigParser.Parse("max_comments: 6\ntarget_length_percentile: 40").Layer;

        var config = ReviewBot.RepositoryConfig.RepositoryConfig.Default.With(organisation).With(repository);

        Assert.Equal(6, config.MaxComments);
        Assert.False(config.Llm);
        Assert.Equal(["wip"], config.SkipLabels);
        Assert.Null(config.LengthModifier);
        Assert.Equal(40, config.TargetLengthPercentile);
    }
}
