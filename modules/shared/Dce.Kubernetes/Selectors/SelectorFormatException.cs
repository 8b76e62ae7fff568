namespace Dce.Kubernetes.Selectors;

/// <summary>A selector that cannot be read; <see cref="Term"/> is the comma-separated term at fault.</summary>
public sealed class SelectorFormatException(string message, string term) : FormatException(message)
{
    public string Term { get; } = term;
}
