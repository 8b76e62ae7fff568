namespace Dce.Kubernetes.Selectors;

/// <summary>A parsed field selector (<c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, comma-separated).</summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> terms = [];

    public bool IsEmpty => terms.Count == 0;

    /// <summary>The name an exact <c>metadata.name=</c> term asks for, so a watch can be narrowed cheaply.</summary>
    public string? ExactName => terms.FirstOrDefault(t => t.Path == "metadata.name" && t.Equal).Value;

    /// <summary>Whether an object whose field at a path reads <paramref name="field"/>(path) satisfies every term.</summary>
    public bool Matches(Func<string, string?> field) => terms.TrueForAll(t => (field(t.Path) == t.Value) == t.Equal);

    /// <exception cref="SelectorFormatException">A term has no operator or no path.</exception>
    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = raw.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                selector.terms.Add((raw[..notEqual], raw[(notEqual + 2)..], false));
                continue;
            }
            var equal = raw.IndexOf('=', StringComparison.Ordinal);
            if (equal <= 0)
            {
                throw new SelectorFormatException($"invalid field selector: '{raw}'", raw);
            }
            var value = raw[(equal + 1)..];
            selector.terms.Add((raw[..equal], value.StartsWith('=') ? value[1..] : value, true));
        }
        return selector;
    }
}
