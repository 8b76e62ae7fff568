using System.Text.RegularExpressions;
using Dce.Kubernetes.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ServiceDefaults.Api;

/// <summary>Checks at the edge: every problem found is reported by field, and nothing is changed when there is one.</summary>
public sealed partial class Validation
{
    /// <summary>The longest free text accepted by default.</summary>
    public const int MaxTextLength = 256;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no check failed.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>A Kubernetes-style name: DNS-1123 label, lower-case letters, digits and '-', at most 63 characters.</summary>
    public Validation Name(string field, string? value)
    {
        if (!KubernetesNames.IsLabel(value))
        {
            Fail(field, $"{field} must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit.");
        }

        return this;
    }

    /// <summary>Free text (alias, description): optional, bounded, and without markup or quote characters.</summary>
    public Validation Text(string field, string? value, int maxLength = MaxTextLength)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length > maxLength)
        {
            Fail(field, $"{field} must be at most {maxLength} characters.");
        }
        else if (!SafeText().IsMatch(value))
        {
            Fail(field, $"{field} may contain letters, digits, spaces and . , - _ ( ) / : @ # & + only.");
        }

        return this;
    }

    /// <summary>An optional e-mail address.</summary>
    public Validation Email(string field, string? value)
    {
        if (value is not null && (value.Length > 254 || !EmailAddress().IsMatch(value)))
        {
            Fail(field, $"{field} must be an e-mail address such as someone@example.com.");
        }

        return this;
    }

    /// <summary>Fails <paramref name="field"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Fail(field, message);
        }

        return this;
    }

    /// <summary>The 400 answer listing every failed field.</summary>
    public ValidationProblem Problem() => TypedResults.ValidationProblem(_errors, title: "The request is invalid; nothing was changed.");

    private void Fail(string field, string message) => _errors.TryAdd(field, [message]);

    [GeneratedRegex(@"^[\p{L}\p{N} .,\-_()/:@#&+]*$")]
    private static partial Regex SafeText();

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailAddress();
}
