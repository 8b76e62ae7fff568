
namespace Dce.EventBus.Tests.Publisher;

[IntegrationEventName("tests.order-placed")]
public sealed record OrderPlaced(Guid OrderId, int Number) : IntegrationEvent;
