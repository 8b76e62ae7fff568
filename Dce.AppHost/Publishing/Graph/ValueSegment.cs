namespace Dce.AppHost.Publishing.Graph;

/// <summary>A piece of a rendered value: literal text, or a reference to a parameter supplied at deploy time.</summary>
public abstract record ValueSegment;

/// <summary>Text known when publishing.</summary>
public sealed record LiteralSegment(string Text) : ValueSegment;

/// <summary>A parameter's value, read by the container from an environment variable at run time.</summary>
public sealed record ParameterSegment(PublishedParameter Parameter) : ValueSegment;
