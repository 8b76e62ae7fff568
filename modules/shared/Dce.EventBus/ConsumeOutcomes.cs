namespace Dce.EventBus;

/// <summary>What a consumer did with a message; the value of the <c>dce.event_bus.outcome</c> span tag and counter attribute.</summary>
public static class ConsumeOutcomes
{
    /// <summary>The handlers ran and their changes committed with the inbox row.</summary>
    public const string Applied = "applied";

    /// <summary>The inbox already held the message id; acknowledged without running the handlers.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A handler failed; the message waits in the retry queue.</summary>
    public const string Retried = "retried";

    /// <summary>The database was unreachable; the message went back to the queue without counting an attempt.</summary>
    public const string Requeued = "requeued";

    /// <summary>The attempts were used up, or the message cannot be read; it went to the dead-letter queue.</summary>
    public const string DeadLettered = "dead-lettered";
}
