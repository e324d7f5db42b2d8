using ReviewBot.Commands;

namespace ReviewBot.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("@reviewbot review", CommandKind.Review)]
    [InlineData("  @ReviewBot Pause", CommandKind.Pause)]
    [InlineData("Thanks!\n\n@reviewbot resume.", CommandKind.Resume)]
    public void Parse_CommandAtTheStartOfALine_IsFound(string body, CommandKind kind)
    {
        var command = CommandParser.Parse(body, "reviewbot");

        Assert.NotNull(command);
        Assert.Equal(kind, command.Kind);
        Assert.False(command.HasArguments);
    }

    [Theory]
    [InlineData("please ask @reviewbot review")]
    [InlineData("> @reviewbot review")]
    [InlineData("```\n@reviewbot review\n```")]
    [InlineData("@reviewbots review")]
    [InlineData("@reviewbot")]
    [InlineData("")]
    public void Parse_NoCommand_IsNull(string body) => Assert.Null(CommandParser.Parse(body, "reviewbot"));

    [Theory]
    [InlineData("@reviewbot review --llm-endpoint http://attacker.example/v1")]
    [InlineData("@reviewbot pause Critic:ApiKey=sk-123")]
    public void Parse_CommandWithArguments_IsMarkedSoItCanBeRefused(string body)
    {
        var command = CommandParser.Parse(body, "reviewbot");

        Assert.NotNull(command);
        Assert.True(command.HasArguments);
    }

    [Fact]
    public void Parse_UnknownWord_HasNoKind()
    {
        var command = CommandParser.Parse("@reviewbot set endpoint=http://attacker.example", "reviewbot");

        Assert.NotNull(command);
        Assert.Null(command.Kind);
        Assert.Equal("set", command.Word);
    }

    [Theory]
    [InlineData(null, "reviewbot")]
    [InlineData("", "reviewbot")]
    [InlineData("acme-reviewer[bot]", "acme-reviewer")]
    [InlineData("acme-reviewer", "acme-reviewer")]
    public void MentionName_FromBotLogin(string? login, string expected) => Assert.Equal(expected, CommandParser.MentionName(login));

    [Fact]
    public void Parse_ConfiguredMention_OnlyThatNameCounts()
    {
        Assert.Equal(CommandKind.Pause, CommandParser.Parse("@acme-reviewer pause", "acme-reviewer")?.Kind);
        Assert.Null(CommandParser.Parse("@reviewbot pause", "acme-reviewer"));
    }
}
