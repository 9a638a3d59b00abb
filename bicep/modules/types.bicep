// Shapes shared by main.bicep and its modules.

@export()
@description('One Service Bus work queue: the app sends to it and a trigger listens on it.')
type queueSpec = {
  @description('Queue name; one of Connectors.Core.Queues.QueueNames.')
  name: string

  @description('How long a message stays deliverable (ISO 8601 duration).')
  timeToLive: string

  @description('true: an expired message moves to the dead-letter queue; false: it is dropped (only for work that is worthless once late).')
  deadLetterOnExpiration: bool

  @description('Deliveries before Service Bus dead-letters the message.')
  maxDeliveryCount: int

  @description('A repeated MessageId inside this window is discarded (ISO 8601 duration, 20 seconds to 7 days).')
  duplicateDetectionWindow: string

  @description('Peek-lock duration (ISO 8601 duration, at most PT5M); the Functions host renews it while a handler runs.')
  lockDuration: string
}

@export()
@description('One voice-biometrics vendor allowed to post signed verdicts (Biometrics__Vendors__{name}__*).')
type biometricVendorSpec = {
  @description('The vendor\'s name as it sends it in X-Biometric-Vendor. Letters and digits only: it becomes part of an app setting name, where App Service allows no hyphen. Its secret is Key Vault secret biometric-vendor-{name}-secret.')
  @minLength(1)
  @maxLength(40)
  name: string

  @description('Lowest match score (0 to 1, as text, e.g. \'0.9\') that counts as a pass.')
  minimumScore: string
}
