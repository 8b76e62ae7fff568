using System.Collections.Concurrent;

namespace Dce.EventBus.Tests.Harness;

/// <summary>Step <paramref name="Number"/> of a sequence about <paramref name="Key"/>: consumers must apply a key's steps in order.</summary>
[IntegrationEventName("tests.keyed-step")]
public sealed record KeyedStep(string Key, int Number) : IntegrationEvent, IOrderedIntegrationEvent
{
    public string OrderingKey => Key;
}

/// <summary>Which consumer host this is, written next to every step it applies.</summary>
public sealed record ReplicaName(string Value);

/// <summary>
/// Lets a test freeze the host's step handler in the middle of a message (inbox row inserted, transaction open)
/// and make chosen steps fail a number of times.
/// </summary>
public sealed class StepControl
{
    private readonly ConcurrentDictionary<(string Key, int Number), int> _failures = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _holding;

    /// <summary>Completes once a handler is frozen.</summary>
    public Task Held => _held.Task;

    public void HoldNext() => _holding = true;

    public void FailTimes(string key, int number, int times) => _failures[(key, number)] = times;

    public async Task PassAsync(KeyedStep step, CancellationToken cancellationToken)
    {
        if (_holding)
        {
            _held.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (_failures.TryGetValue((step.Key, step.Number), out var remaining) && remaining > 0)
        {
            _failures[(step.Key, step.Number)] = remaining - 1;
            throw new InvalidOperationException($"Step {step.Number} of {step.Key} fails {remaining} more time(s).");
        }
    }
}

public sealed class KeyedStepHandler(ShippingDbContext db, ReplicaName replica, StepControl control) : IIntegrationEventHandler<KeyedStep>
{
    public async Task HandleAsync(KeyedStep integrationEvent, CancellationToken cancellationToken)
    {
        await control.PassAsync(integrationEvent, cancellationToken);
        db.Steps.Add(new AppliedStep { Key = integrationEvent.Key, Number = integrationEvent.Number, EventId = integrationEvent.Id, Replica = replica.Value });
    }
}

/// <summary>A step as applied; <see cref="Id"/> grows in the order the steps were applied.</summary>
public sealed class AppliedStep
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public int Number { get; set; }

    public Guid EventId { get; set; }

    public required string Replica { get; set; }
}
