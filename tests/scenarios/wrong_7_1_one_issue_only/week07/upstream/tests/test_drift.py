# scenario: starter
