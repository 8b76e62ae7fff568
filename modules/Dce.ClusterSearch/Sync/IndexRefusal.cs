using Npgsql;

namespace Dce.ClusterSearch.Sync;

/// <summary>Why the index refused a row: a fault of the data (set it aside), not of the database (retry it).</summary>
internal sealed record IndexRefusal(string Code, string Message)
{
    private const int MaxMessageLength = 500;

    /// <summary>
    /// The refusal <paramref name="error"/> stands for, or null when it is not the data's fault. Data exceptions (22),
    /// integrity violations (23) and program limits (54, e.g. an index row too large) come from the row itself; a
    /// value Npgsql cannot write is refused before it is sent. Only the short message is kept: PostgreSQL's detail and
    /// context quote the refused value.
    /// </summary>
    public static IndexRefusal? Of(Exception error) => error switch
    {
        PostgresException { SqlState: ['2', '2', ..] or ['2', '3', ..] or ['5', '4', ..] } refused =>
            new IndexRefusal(refused.SqlState, Truncate(refused.MessageText)),
        InvalidCastException or ArgumentException or OverflowException or FormatException =>
            new IndexRefusal("client", Truncate(error.GetType().Name)),
        _ => null,
    };

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
}
