"""What a player does around the engine, without a window: the turn's flow (phases), the
scenario catalog and new-game choices, the advisers' forecast, the meters and turning points
shown, and the classroom rules (predictions, injects). The window (game/ui) draws these;
nothing here imports pygame or game.ui."""
