namespace Dce.Insight.Logs;

/// <summary>DCE's <c>v1alpha1EventFilter</c>: exact type, kind and reason; object name and message by the text query language.</summary>
public sealed record EventFilter(string? Type, string? InvolveObjectKind, string? Reason, string? InvolveObjectName, string? Message)
{
    /// <summary>Adds the filter to <paramref name="where"/>; throws <see cref="TextQueryException"/> for a malformed name or message query.</summary>
    public SqlWhere ApplyTo(SqlWhere where)
    {
        where.AnyOf("type", Type is { Length: > 0 } and not "TYPE_UNSPECIFIED" ? [Type] : null)
            .AnyOf("object_kind", Some(InvolveObjectKind))
            .AnyOf("reason", Some(Reason))
            .Text("object_name", TextQuery.Parse(InvolveObjectName))
            .Text("message", TextQuery.Parse(Message));
        return where;
    }

    private static List<string>? Some(string? value) => string.IsNullOrEmpty(value) ? null : [value];
}

/// <summary>DCE's <c>Event_QueryEventCount</c> body.</summary>
public sealed record QueryEventCountRequest(string? StartTime, string? EndTime, string? Namespace, List<NamedEventFilter>? Filters);

/// <summary>One counted filter; DCE sends <c>value</c> as the filter, by name.</summary>
public sealed record NamedEventFilter(string? Name, EventFilter? Value, string? Type, string? InvolveObjectKind, string? Reason, string? InvolveObjectName, string? Message)
{
    public EventFilter Filter => Value ?? new EventFilter(Type, InvolveObjectKind, Reason, InvolveObjectName, Message);
}
