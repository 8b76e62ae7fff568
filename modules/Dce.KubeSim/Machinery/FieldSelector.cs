namespace Dce.KubeSim.Machinery;

/// <summary>A parsed field selector (<c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, comma-separated).</summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> terms = [];

    public bool IsEmpty => terms.Count == 0;

    /// <summary>The name an exact <c>metadata.name=</c> term asks for, so a watch can be narrowed cheaply.</summary>
    public string? ExactName => terms.FirstOrDefault(t => t.Path == "metadata.name" && t.Equal).Value;

    public bool Matches(StoredObject obj) => terms.TrueForAll(t => (obj.Field(t.Path) == t.Value) == t.Equal);

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
                throw ApiException.BadRequest($"invalid field selector: '{raw}'");
            }
            var value = raw[(equal + 1)..];
            selector.terms.Add((raw[..equal], value.StartsWith('=') ? value[1..] : value, true));
        }
        return selector;
    }
}
