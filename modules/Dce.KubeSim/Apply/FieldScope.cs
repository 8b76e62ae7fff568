namespace Dce.KubeSim.Apply;

/// <summary>
/// Which top-level fields a write's manager can own: bookkeeping metadata never; <c>status</c> only through the
/// status subresource when the resource has one, as the API server resets the other half.
/// </summary>
public sealed record FieldScope(bool Status, bool Rest)
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    public static FieldScope Everything { get; } = new(true, true);
    public static FieldScope MainResource { get; } = new(false, true);
    public static FieldScope StatusOnly { get; } = new(true, false);

    public static FieldScope For(bool hasStatus, string? subresource) => subresource switch
    {
        "status" => StatusOnly,
        Machinery.ObjectService.WholeObject => Everything,
        _ => hasStatus ? MainResource : Everything,
    };

    public bool Tracks(string field) => field switch
    {
        "apiVersion" or "kind" => false,
        "status" => Status,
        _ => Rest,
    };

    public static bool TracksMetadata(string field) => !Bookkeeping.Contains(field);
}
