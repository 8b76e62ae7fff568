using Dce.ServiceDefaults.EventBus;

namespace Dce.ServiceDefaults.Tests.Publisher;

[IntegrationEventName("tests.order-placed")]
public sealed record OrderPlaced(Guid OrderId, int Number) : IntegrationEvent;
