namespace Dce.Coordination;

/// <summary>How replicas of one module find each other and share work (<c>Dce:Coordination</c>).</summary>
public sealed class CoordinationOptions
{
    public const string Section = "Dce:Coordination";

    /// <summary>How often a replica renews its place in the ring.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica stays in the ring after its last heartbeat: a replica killed without leaving loses its keys after this.</summary>
    public TimeSpan MemberTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a lease holder checks it still holds the lease, and a waiting replica tries to take it.</summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(3);
}
