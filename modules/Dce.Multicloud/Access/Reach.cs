namespace Dce.Multicloud.Access;

/// <summary>How much of an instance a route needs the caller's grant to cover.</summary>
internal enum Reach
{
    /// <summary>The route's namespace.</summary>
    Namespace,

    /// <summary>The whole instance (cluster-scoped objects, members, namespaces themselves).</summary>
    Instance,

    /// <summary>Some namespace at least; the answer holds only what the grant covers.</summary>
    Anywhere,
}
