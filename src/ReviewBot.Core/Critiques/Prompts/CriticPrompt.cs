using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using ReviewBot.Core.Critiques.Text;

namespace ReviewBot.Core.Critiques.Prompts;

/// <summary>One piece of untrusted text in a prompt, with ReviewBot's label for it.</summary>
/// <param name="Kind">A short tag written in the fence (<c>title</c>, <c>description</c>, <c>diff</c>, <c>context</c>).</param>
/// <param name="Label">ReviewBot's own words introducing the section; never taken from the pull request.</param>
/// <param name="Content">The untrusted text, already redacted.</param>
public sealed record PromptSection(string Kind, string Label, string Content);

/// <summary>
/// A prepared prompt for one change: ReviewBot's instructions and the untrusted sections, rendered per request with
/// a fresh random fence marker so text in the pull request cannot close a data section and speak as ReviewBot.
/// </summary>
public sealed class CriticPrompt(PromptTemplate template, IReadOnlyList<PromptSection> sections, string? note)
{
    private const string Placeholder = "{nonce}";

    public string Version => template.Version;

    public PromptTemplate Template => template;

    public IReadOnlyList<PromptSection> Sections => sections;

    /// <summary>ReviewBot's remark after the data (e.g. files left out for length), or null.</summary>
    public string? Note => note;

    /// <summary>A fresh fence marker: 128 random bits, so no one can guess it in advance.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string OpenFence(string nonce, string kind) => $"<<<DATA {nonce} {kind}>>>";

    public static string CloseFence(string nonce) => $"<<<END {nonce}>>>";

    public string Instructions(string nonce) => template.Instructions.Replace(Placeholder, CheckNonce(nonce), StringComparison.Ordinal);

    /// <summary>The data part: each section's label, then its content between the fences.</summary>
    public string Data(string nonce)
    {
        CheckNonce(nonce);
        var text = new StringBuilder();
        text.Append(template.DataIntroduction).Append("\n\n");
        foreach (var section in sections)
        {
            text.Append(section.Label).Append('\n')
                .Append(OpenFence(nonce, section.Kind)).Append('\n')
                .Append(section.Content.TrimEnd('\n')).Append('\n')
                .Append(CloseFence(nonce)).Append("\n\n");
        }

        if (note is not null)
        {
            text.Append(note).Append("\n\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Completions mode: instructions, data, then the critique so far and the opening of the next quote.</summary>
    public string CompletionPrompt(Critique soFar, string nonce) =>
        $"{Instructions(nonce)}\n\n{Data(nonce)}\n\n{template.CompletionHeader}\n\n{CritiqueTextWriter.WriteForced(soFar)}";

    /// <summary>Chat mode: the instructions as system message, the data, the critique so far as the assistant's answer, and the request for one more highlight.</summary>
    public IList<ChatMessage> ChatMessages(Critique soFar, string nonce)
    {
        ArgumentNullException.ThrowIfNull(soFar);
        var messages = new List<ChatMessage> { new(ChatRole.System, Instructions(nonce)) };
        if (soFar.Count == 0)
        {
            messages.Add(new ChatMessage(ChatRole.User, $"{Data(nonce)}\n\n{template.ChatFirstRequest}"));
        }
        else
        {
            messages.Add(new ChatMessage(ChatRole.User, $"{Data(nonce)}\n\n{template.ChatSoFarIntroduction}"));
            messages.Add(new ChatMessage(ChatRole.Assistant, CritiqueTextWriter.Write(soFar, includeClosing: false).TrimEnd('\n')));
            messages.Add(new ChatMessage(ChatRole.User, template.ChatNextRequest));
        }

        return messages;
    }

    private string CheckNonce(string nonce)
    {
        // A marker that occurs in the data would let the data close its own fence; with 128 random bits this
        // cannot happen by chance, so it means a caller passed a fixed value.
        if (nonce.Length < 16 || sections.Any(s => s.Content.Contains(nonce, StringComparison.Ordinal)))
        {
            throw new ArgumentException("The fence marker must be long, random and absent from the data.", nameof(nonce));
        }

        return nonce;
    }
}
