using System.Globalization;
using Dce.Kubernetes.Selectors;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>The query parameters Kubernetes clients send, read once.</summary>
public sealed class RequestQuery(IQueryCollection query)
{
    public string? this[string name] => query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool Watch => Flag("watch");
    /// <summary>Every value a repeated parameter carries (<c>dryRun=All&amp;dryRun=All</c>).</summary>
    public IReadOnlyList<string> All(string name) => query.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : [];

    public bool DryRun => All("dryRun") is { Count: > 0 } values && values.All(v => v == "All");
    public bool StrictFields => this["fieldValidation"] == "Strict";
    public string? ResourceVersion => this["resourceVersion"];
    public LabelSelector Labels => Selector(LabelSelector.Parse, "labelSelector", term => $"unable to parse requirement: invalid label selector term \"{term}\"");
    public FieldSelector Fields => Selector(FieldSelector.Parse, "fieldSelector", term => $"invalid field selector: '{term}'");
    public bool AllowBookmarks => Flag("allowWatchBookmarks");
    public bool SendInitialEvents => Flag("sendInitialEvents");

    /// <summary>
    /// A boolean parameter as the API server converts it: absent, <c>0</c> and <c>false</c> (any case) are false, any other
    /// value is true. The Python client sends <c>watch=True</c>.
    /// </summary>
    public bool Flag(string name) => query.TryGetValue(name, out var v) && v.ToString() is var text && text != "0" && !text.Equals("false", StringComparison.OrdinalIgnoreCase);

    public int Limit => int.TryParse(this["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 0;

    public int? Int(string name) => int.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private T Selector<T>(Func<string?, T> parse, string name, Func<string, string> problem)
    {
        try
        {
            return parse(this[name]);
        }
        catch (SelectorFormatException error)
        {
            throw ApiException.BadRequest(problem(error.Term));
        }
    }
}
